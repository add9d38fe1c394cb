using EduInfo.Domain.Registry;

namespace EduInfo.Storage.Registry;

/// <summary>A student's registry card: personal data (names, birth date, IIN) and their current class.</summary>
public sealed record StudentCard(
    string StudentId,
    string LastName,
    string FirstName,
    string? MiddleName,
    DateOnly BirthDate,
    string Iin,
    string ClassId,
    int Grade,
    string Letter);

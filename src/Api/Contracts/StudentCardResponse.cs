using EduInfo.Domain.Registry;
using EduInfo.Storage.Registry;

namespace EduInfo.Api.Contracts;

/// <summary>A student's card. <see cref="Iin"/> is whole only for readers who need it, otherwise masked to its last four digits.</summary>
public sealed record StudentCardResponse(
    string StudentId,
    string LastName,
    string FirstName,
    string? MiddleName,
    DateOnly BirthDate,
    string Iin,
    bool IinMasked,
    string ClassId,
    string ClassName)
{
    public static StudentCardResponse Of(StudentCard card, bool fullIin) => new(
        card.StudentId, card.LastName, card.FirstName, card.MiddleName, card.BirthDate,
        fullIin ? card.Iin : MaskIin(card.Iin), !fullIin, card.ClassId, $"{card.Grade}{card.Letter}");

    /// <summary>All but the last four digits replaced, for readers who may not see the whole IIN.</summary>
    public static string MaskIin(string iin) => iin.Length == 12 ? new string('•', 8) + iin[8..] : new string('•', 12);
}

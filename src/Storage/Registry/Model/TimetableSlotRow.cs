namespace EduInfo.Storage.Registry.Model;

public sealed record TimetableSlotRow(string ClassId, string GroupId, string SubjectId, int Weekday, int Period, DateOnly From);

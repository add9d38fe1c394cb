namespace EduInfo.Tools.Simulation;

/// <summary>A teacher's subject in a whole class, with the class roster: what a journal client writes for.</summary>
public sealed record Teaching(string ClassId, string SubjectId, string TeacherId, string[] Roster);

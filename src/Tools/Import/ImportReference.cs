namespace EduInfo.Tools.Import;

/// <summary>A value that must name an existing or imported row.</summary>
public sealed record ImportReference(ReferenceTarget Target, string Id, string Column, string File, int Line);

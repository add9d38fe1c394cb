namespace EduInfo.Tools.Import;

/// <summary>A fully valid row of an import file with the line it starts on.</summary>
public sealed record ImportRow<T>(int Line, T Row);

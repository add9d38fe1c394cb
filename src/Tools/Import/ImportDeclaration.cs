namespace EduInfo.Tools.Import;

/// <summary>A row that introduces an id (kept even when the row's other values are bad, so references to it still resolve).</summary>
public sealed record ImportDeclaration(ImportEntity Entity, string Id, string File, int Line);

namespace EduInfo.Domain.Assessment;

/// <summary>The components of a term mark: formative (ФО/ҚБ), section summatives (СОР/БЖБ), term summative (СОЧ/ТЖБ).</summary>
public enum ComponentKind
{
    Formative,
    Section,
    Term,
}

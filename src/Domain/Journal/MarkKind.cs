namespace EduInfo.Domain.Journal;

/// <summary>Kinds of assessment in the Kazakh school journal (DESIGN.md §2).</summary>
public enum MarkKind
{
    /// <summary>Formative mark (ФО / ҚБ) on the policy's scale, 10 points by default.</summary>
    Formative = 0,
    /// <summary>Section summative (СОР / БЖБ): score out of a maximum.</summary>
    Section = 1,
    /// <summary>Term summative (СОЧ / ТЖБ): score out of a maximum.</summary>
    Term = 2,
    /// <summary>Preschool: a child's development level in an educational area at a monitoring point, 1–3 (I low, II medium, III high).</summary>
    Development = 3,
}

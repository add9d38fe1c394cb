namespace EduInfo.Api.Security;

/// <summary>
/// Which cells of a public table to hide so that no group of fewer than <c>threshold</c> students can be seen, nor
/// recovered as its parent minus its shown siblings: a lone small cell among siblings is hidden together with the
/// next smallest sibling (complementary suppression). Pure.
/// </summary>
public static class SmallCellSuppression
{
    public const int DefaultThreshold = 10;

    /// <summary>The ids to hide among sibling cells, given each cell's student count.</summary>
    public static IReadOnlySet<string> Hidden(IReadOnlyList<(string Id, long Students)> siblings, int threshold = DefaultThreshold)
    {
        var hidden = siblings.Where(s => s.Students < threshold).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        if (hidden.Count == 1)
        {
            var partner = siblings.Where(s => !hidden.Contains(s.Id)).OrderBy(s => s.Students).ThenBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault();
            if (partner.Id is not null)
            {
                hidden.Add(partner.Id);
            }
        }
        return hidden;
    }
}

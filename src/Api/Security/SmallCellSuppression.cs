namespace EduInfo.Api.Security;

/// <summary>
/// The open report's threshold: a cell of fewer pupils is withheld, and no cell of one to this − 1 may be computable
/// from what is published (<see cref="EduInfo.Domain.Disclosure.OpenReportTable"/>, docs/disclosure.md).
/// </summary>
public static class SmallCellSuppression
{
    public const int DefaultThreshold = 10;
}

namespace EduInfo.Domain.Journal;

/// <summary>What a correction does to the row it supersedes.</summary>
public enum CorrectionAction
{
    /// <summary>New values of the same kind: a mark's score, a roll-call's absentees.</summary>
    Replace = 0,
    /// <summary>Withdraws the row.</summary>
    Void = 1,
}

namespace EduInfo.Domain.Trends;

/// <summary>A figure the dashboard draws over the days of a term: each is a rate of the captured numerators and denominators.</summary>
public enum TrendMetric
{
    Students,
    Attendance,
    FormativePercent,
    SummativePercent,
    Success,
    Quality,
    AverageMark,
    Completeness,
}

/// <summary>One day of a series: a captured value, a captured day with nothing to rate (null), or a day recorded missing.</summary>
public sealed record TrendPoint(DateOnly Day, decimal? Value, bool Missing);

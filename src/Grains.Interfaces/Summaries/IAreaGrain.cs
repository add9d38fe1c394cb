namespace EduInfo.Grains.Interfaces.Summaries;

/// <summary>A management body: district (or city), region, or the republic (<c>KZ</c>). Aggregates organizations and areas.</summary>
public interface IAreaGrain : IAggregateNode;

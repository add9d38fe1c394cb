namespace EduInfo.Grains.Interfaces.Summaries;

/// <summary>An organization (school, kindergarten, college, additional education): aggregates its classes.</summary>
public interface IOrganizationGrain : IAggregateNode;

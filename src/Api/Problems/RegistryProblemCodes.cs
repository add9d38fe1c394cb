using EduInfo.Domain.Registry;
using EduInfo.Grains.Interfaces.Registry;

namespace EduInfo.Api.Problems;

/// <summary>The refusals of registry writes (transfers, timetables, targets) as the fields and codes of a 400.</summary>
public static class RegistryProblemCodes
{
    /// <summary>Each problem's field and its wire code: the error's name in camelCase.</summary>
    public static IEnumerable<(string Field, string Code)> Codes(this IEnumerable<RegistryProblem> problems) =>
        problems.Select(p => (p.Field, JsonNaming.Camel(p.Error.ToString())));
}

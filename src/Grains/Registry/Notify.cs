using Microsoft.Extensions.Logging;

namespace EduInfo.Grains.Registry;

/// <summary>
/// Telling a class or pupil grain to reload after a registry change has committed: a failure is logged, never thrown —
/// the change is in the database and the grain's watermark moved, so the reconciliation repairs it.
/// </summary>
internal static class Notify
{
    public static async Task BestEffortAsync(ILogger logger, string change, string subjectId, Func<Task> notify, string grainKey)
    {
        try
        {
            await notify();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "{Change} of {Subject}: {Grain} was not told; the reconciliation repairs it", change, subjectId, grainKey);
        }
    }
}

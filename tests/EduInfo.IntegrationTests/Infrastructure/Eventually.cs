using System.Diagnostics;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>Waits for a condition by polling it (never a fixed sleep), failing with the last observed value.</summary>
public static class Eventually
{
    public static async Task<T> MatchesAsync<T>(Func<Task<T>> observe, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await observe();
            if (condition(value))
            {
                return value;
            }
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"{what} did not hold within {timeout}; last seen: {value}");
            }
            await Task.Delay(20);
        }
    }
}

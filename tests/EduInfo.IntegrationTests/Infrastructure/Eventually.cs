namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>Waits for a condition by polling it (never a fixed sleep), failing with the last observed value.</summary>
public static class Eventually
{
    public static async Task<T> MatchesAsync<T>(Func<Task<T>> observe, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await observe();
            if (condition(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not hold within {timeout}; last seen: {value}");
            }
            await Task.Delay(20);
        }
    }
}

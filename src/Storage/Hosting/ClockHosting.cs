using EduInfo.Domain.Calendar;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace EduInfo.Storage.Hosting;

/// <summary>
/// The one place that names the system clock. Registers the host's <see cref="TimeProvider"/> (Orleans' timers and
/// membership run on it; never replaced) and the domain's <see cref="IKazakhstanClock"/>, which follows it unless
/// <c>Clock:PinnedUtc</c> pins the date for a test run — accepted in the Development environment only.
/// </summary>
public static class ClockHosting
{
    public const string PinnedSetting = "Clock:PinnedUtc";

    /// <summary>The environment variable form of <see cref="PinnedSetting"/>, read by the operator commands.</summary>
    public const string PinnedVariable = "Clock__PinnedUtc";

    public static IHostApplicationBuilder AddKazakhstanClock(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(SystemTime);
        var pinned = Pinned(builder.Configuration[PinnedSetting], builder.Environment.EnvironmentName);
        builder.Services.TryAddSingleton<IKazakhstanClock>(services =>
            pinned is { } instant ? KazakhstanClock.PinnedAt(instant) : new KazakhstanClock(services.GetRequiredService<TimeProvider>()));
        return builder;
    }

    /// <summary>The clock of a command-line tool: the system's, or the pinned one of <see cref="PinnedVariable"/> in Development.</summary>
    public static IKazakhstanClock FromEnvironment()
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                          ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Production;
        return Pinned(Environment.GetEnvironmentVariable(PinnedVariable), environment) is { } instant
            ? KazakhstanClock.PinnedAt(instant)
            : new KazakhstanClock(SystemTime);
    }

    /// <summary>The pinned instant, if any; refused outside Development, where the real date is the only truth.</summary>
    public static DateTimeOffset? Pinned(string? setting, string environmentName)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return null;
        }
        if (!string.Equals(environmentName, Environments.Development, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{PinnedSetting} ({PinnedVariable}) pins the date for tests and is refused in the '{environmentName}' environment; remove it.");
        }
        return DateTimeOffset.TryParse(setting, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw new InvalidOperationException($"{PinnedSetting} ({PinnedVariable}) '{setting}' is not an instant (e.g. 2026-11-27T06:00:00Z).");
    }

#pragma warning disable RS0030 // the one reference to the system clock
    private static TimeProvider SystemTime => TimeProvider.System;
#pragma warning restore RS0030
}

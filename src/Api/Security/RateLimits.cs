using System.Globalization;
using System.Threading.RateLimiting;
using EduInfo.Api.Problems;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;

namespace EduInfo.Api.Security;

/// <summary>
/// Rate limits per user and per client address (token buckets; 0 turns one off), a stricter one for logins per
/// address (against password guessing), and a timeout per request. A refused request gets a localized 429 with
/// Retry-After at once: no queueing, so an overloaded client learns quickly.
/// </summary>
public static class RateLimits
{
    public const string LoginPolicy = "login";

    /// <summary>Checking education documents by code, per address: with 160 random bits guessing is hopeless anyway; this keeps scrapers off.</summary>
    public const string VerificationPolicy = "verification";

    public static WebApplicationBuilder AddEduInfoRateLimits(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("RateLimits");
        var perUser = section.GetValue("PerUserPerSecond", 20);
        var perAddress = section.GetValue("PerAddressPerSecond", 200);
        var loginsPerMinute = section.GetValue("LoginsPerAddressPerMinute", 120);
        var verificationsPerMinute = section.GetValue("VerificationsPerAddressPerMinute", 30);

        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    perUser > 0 && context.User.FindFirst(EduInfoClaims.Subject)?.Value is { } user
                        ? RateLimitPartition.GetTokenBucketLimiter("user:" + user, _ => Bucket(perUser))
                        : RateLimitPartition.GetNoLimiter("user:none")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    perAddress > 0
                        ? RateLimitPartition.GetTokenBucketLimiter("address:" + Address(context), _ => Bucket(perAddress))
                        : RateLimitPartition.GetNoLimiter("address:none")));
            options.AddPolicy(LoginPolicy, context => loginsPerMinute > 0
                ? RateLimitPartition.GetFixedWindowLimiter("login:" + Address(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = loginsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("login:none"));
            options.AddPolicy(VerificationPolicy, context => verificationsPerMinute > 0
                ? RateLimitPartition.GetFixedWindowLimiter("verification:" + Address(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = verificationsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("verification:none"));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await LocalizedProblems.Create(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "too-many-requests",
                    "problem.tooManyRequests.title", "problem.tooManyRequests.detail").ExecuteAsync(rejected.HttpContext);
            };
        });

        builder.Services.AddRequestTimeouts(options => options.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = section.GetValue("RequestTimeout", TimeSpan.FromSeconds(30)),
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            // As every other 503: retryable, with Retry-After and the localized problem (a silo that died mid-call).
            WriteTimeoutResponse = async context =>
            {
                context.Response.Headers.RetryAfter = "5";
                await LocalizedProblems.Create(context, StatusCodes.Status503ServiceUnavailable, "unavailable",
                    "problem.unavailable.title", "problem.unavailable.detail").ExecuteAsync(context);
            },
        });
        return builder;
    }

    // Twice the rate as a burst: a teacher saving a class's marks and roll-call at once is not throttled.
    private static TokenBucketRateLimiterOptions Bucket(int perSecond) => new()
    {
        TokenLimit = perSecond * 2,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

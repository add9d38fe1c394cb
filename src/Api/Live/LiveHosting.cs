namespace EduInfo.Api.Live;

public static class LiveHosting
{
    /// <summary>The live views' shared watches, with the settings of the <c>Live</c> section (checked at start).</summary>
    public static WebApplicationBuilder AddEduInfoLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton((builder.Configuration.GetSection("Live").Get<LiveOptions>() ?? new LiveOptions()).Validated());
        builder.Services.AddSingleton<LiveSummaries>();
        builder.Services.AddSingleton<SummaryReads>();
        return builder;
    }
}

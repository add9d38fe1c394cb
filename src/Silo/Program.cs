using EduInfo.Hosting;
using EduInfo.Hosting.Telemetry;
using EduInfo.Storage.Hosting;

// A silo process of the Cluster and Kubernetes profiles (the Development profile co-hosts a silo in the Api).
var builder = WebApplication.CreateBuilder(args);
builder.AddEduInfoStorage();
builder.UseOrleans(silo =>
{
    if (Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is not null)
    {
        silo.UseKubernetesHosting();
    }
    silo.AddEduInfoSilo(builder.Configuration);
});
builder.Services.AddHealthChecks();
builder.AddEduInfoTelemetry("eduinfo-silo");

var app = builder.Build();
app.UseEduInfoMetrics();
app.MapHealthChecks("/health/live");
app.Run();

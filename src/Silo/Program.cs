using EduInfo.Hosting;
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

var app = builder.Build();
app.MapHealthChecks("/health/live");
app.Run();

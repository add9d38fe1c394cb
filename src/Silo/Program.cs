using EduInfo.Hosting;

// A silo process of the Cluster and Kubernetes profiles (the Development profile co-hosts a silo in the Api).
var builder = WebApplication.CreateBuilder(args);
builder.AddEduInfoSiloProcess();

var app = builder.Build();
app.MapEduInfoSiloProcess();
app.Run();

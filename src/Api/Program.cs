using EduInfo.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddEduInfoApi();
builder.AddEduInfoOrleans();

var app = builder.Build();
app.MapEduInfoApi();
app.Run();

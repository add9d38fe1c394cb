using EduInfo.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddEduInfoApi();
builder.AddEduInfoOrleans();

var app = builder.Build();
app.MapEduInfoApi();
app.Run();

/// <summary>Marks the Api's entry-point assembly (for tests hosting it).</summary>
public partial class Program;

using EduInfo.Bench.NaiveService;
using Npgsql;

// The naive baseline of bench/term-end.sh: the same journal API, built as a typical school system is — one transaction
// per request with an INSERT per mark (pooled connections, prepared statements), no live aggregates, and dashboards
// answered by a GROUP BY over the journal. It writes to naive.journal (the same definition as the product's journal,
// loaded with the same history) and reads the product's registry tables. It does not authenticate or validate beyond
// parsing: the comparison is generous to it.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var connectionString = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("Naive")
    ?? throw new InvalidOperationException("ConnectionStrings__Naive is not set"))
{
    MaxAutoPrepare = 32,      // every statement of the service is prepared on each pooled connection
    AutoPrepareMinUsages = 1,
    MaxPoolSize = 100,
}.ConnectionString;
builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
builder.Services.AddSingleton<NaiveJournal>();

var app = builder.Build();
var api = app.MapGroup("/api/v1");
api.MapPost("/auth/token", () => Results.Json(new { accessToken = "naive", expiresIn = 3600 }));
api.MapPost("/classes/{classId}/marks", (string classId, HttpRequest request, NaiveJournal journal, CancellationToken ct) => journal.AppendMarksAsync(classId, request, ct));
api.MapPost("/classes/{classId}/lessons", (string classId, HttpRequest request, NaiveJournal journal, CancellationToken ct) => journal.AppendLessonsAsync(classId, request, ct));
api.MapGet("/nodes/{nodeId}/summary", (string nodeId, NaiveJournal journal, CancellationToken ct) => journal.SummaryAsync(nodeId, ct));
app.MapGet("/health/ready", () => Results.Ok());
app.Run();

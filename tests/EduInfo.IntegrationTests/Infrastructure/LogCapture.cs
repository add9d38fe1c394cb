using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EduInfo.IntegrationTests.Infrastructure;

/// <summary>A logger provider that keeps every entry of the categories a test watches (by the end of their name).</summary>
public sealed class LogCapture(params string[] categories) : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    public IReadOnlyCollection<Entry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) =>
        categories.Any(c => categoryName.EndsWith(c, StringComparison.Ordinal)) ? new Logger(categoryName, _entries) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));

        public bool IsEnabled(LogLevel logLevel) => true;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    }
}

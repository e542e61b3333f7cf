using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Newsroom.Testing;

/// <summary>One log entry; <see cref="Exception"/> is what a console would print below it as a stack trace.</summary>
public sealed record LoggedLine(string Category, LogLevel Level, string Message, Exception? Exception = null);

/// <summary>Keeps what was logged, so tests can check what an operator would read.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedLine> _lines = new();

    public IReadOnlyList<LoggedLine> Lines => [.. _lines];

    public void Clear() => _lines.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LoggedLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LoggedLine(category, logLevel, formatter(state, exception), exception));
    }
}

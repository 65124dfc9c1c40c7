using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Tests.Infrastructure;

/// <summary>A log line as a provider receives it, after the host's filter rules.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message);

/// <summary>Collects formatted log lines (a logging sink, not a stand-in for our own code). Safe for concurrent use.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    readonly ConcurrentQueue<CapturedLog> _logs = new();

    public IReadOnlyList<CapturedLog> Logs => [.. _logs];
    public IReadOnlyList<string> Messages => [.. _logs.Select(l => l.Message)];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _logs);
    public void Dispose() { }

    sealed class Logger(string category, ConcurrentQueue<CapturedLog> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception)));
    }
}

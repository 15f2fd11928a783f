using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dispatcher.FunctionalTests.Infrastructure;

/// <summary>
/// The check every functional test leans on: an error the server logs and the test did not expect
/// fails the test. Shown failing here, so a check that can never fire would be caught.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class UnexpectedErrorTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public void An_error_nobody_expected_fails_the_check_with_its_line_and_exception()
    {
        var logs = new TestLoggerProvider(output);
        logs.CreateLogger("Dispatcher.Server.Delivery.Pump").LogError(new EventId(5001, "PumpFailed"), new InvalidOperationException("boom"), "pump {Partition} failed", 3);

        var thrown = Assert.Throws<UnexpectedErrorsException>(logs.ThrowIfUnexpectedErrors);

        var error = Assert.Single(thrown.Errors);
        Assert.Equal("PumpFailed", error.EventId.Name);
        Assert.Contains("Dispatcher.Server.Delivery.Pump[PumpFailed] pump 3 failed", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: boom", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_errors_a_filter_expects_pass_and_warnings_never_count()
    {
        var logs = new TestLoggerProvider(output);
        var logger = logs.CreateLogger("Dispatcher.Server.Delivery.Pump");
        logger.LogWarning(new EventId(1, "Slow"), "slow");
        logger.LogError(new EventId(5001, "PumpFailed"), "expected");
        logger.LogCritical(new EventId(5002, "PumpDied"), "not expected");
        logs.ExpectErrors(e => e.EventId.Name == "PumpFailed");

        var thrown = Assert.Throws<UnexpectedErrorsException>(logs.ThrowIfUnexpectedErrors);

        Assert.Equal("PumpDied", Assert.Single(thrown.Errors).EventId.Name);
        logs.ExpectErrors(e => e.EventId.Name == "PumpDied");
        logs.ThrowIfUnexpectedErrors();
    }

    [Fact]
    public async Task A_server_that_logged_an_unexpected_error_fails_its_dispose()
    {
        var server = await DispatcherTestServer.StartAsync(redis, output);
        server.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Dispatcher.Server.Test").LogError(new EventId(9999, "Planted"), "planted by the test");

        var thrown = await Assert.ThrowsAsync<UnexpectedErrorsException>(async () => await server.DisposeAsync());

        Assert.Equal("Planted", Assert.Single(thrown.Errors).EventId.Name);
    }

    [Fact]
    public async Task A_server_process_that_printed_an_unexpected_error_fails_its_dispose()
    {
        var server = await ServerProcess.StartAsync(redis, RedisServerFixture.NewPrefix(), output);
        try
        {
            // Redis killed: the process prints RedisConnectionLost (5410) on its console, as a real fail: line.
            redis.StopProcess();
            await server.WaitForOutputAsync(lines => lines.Any(l => ConsoleErrorLine.Parse(l)?.EventId.Id == 5410),
                TimeSpan.FromSeconds(30), "a fail: line for RedisConnectionLost (5410)");
        }
        catch
        {
            // The line never came: no dispose to assert on, but no process left behind either.
            server.Kill();
            throw;
        }
        finally
        {
            await redis.StartProcessAsync();
        }

        var thrown = await Assert.ThrowsAsync<UnexpectedErrorsException>(async () => await server.DisposeAsync());

        Assert.Contains(thrown.Errors, e => e.EventId.Id == 5410 && e.Category == "Dispatcher.Server.Observability.RedisConnectionMonitor");
    }

    [Theory]
    [InlineData("fail: Dispatcher.Server.Delivery.Pump[5001] pump 3 failed System.Exception: boom", LogLevel.Error, "Dispatcher.Server.Delivery.Pump", 5001)]
    [InlineData("crit: Microsoft.Extensions.Hosting.Internal.Host[10] host died", LogLevel.Critical, "Microsoft.Extensions.Hosting.Internal.Host", 10)]
    public void A_server_process_error_line_is_read_with_its_level_category_and_event_id(string line, LogLevel level, string category, int id)
    {
        var error = ConsoleErrorLine.Parse(line);

        Assert.NotNull(error);
        Assert.Equal(level, error.Level);
        Assert.Equal(id, error.EventId.Id);
        Assert.Equal(category, error.Category);
    }

    [Theory]
    [InlineData("info: Dispatcher.Server.Hosting[1] Dispatcher is up")]
    [InlineData("warn: Dispatcher.Server.Delivery.Pump[5001] slow")]
    [InlineData("      fail: inside a message")]
    public void Other_console_lines_are_not_errors(string line) => Assert.Null(ConsoleErrorLine.Parse(line));
}

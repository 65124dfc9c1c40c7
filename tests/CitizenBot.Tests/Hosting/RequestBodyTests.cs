using System.Net;
using System.Text;
using CitizenBot.Hosting;
using CitizenBot.Tests.BotConnector;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CitizenBot.Tests.Hosting;

/// <summary>
/// <see cref="RequestBody"/>, the one bounded body reader of Direct Line and the Bot Connector, on a real Kestrel
/// server: a body within the limit is read whole; one over it is refused with 413 whether its length is announced or
/// not; and a caller still sending (chunked, slowly) reads the 413's problem details rather than a cut connection,
/// then reuses the connection.
/// </summary>
public sealed class RequestBodyTests : IAsyncLifetime
{
    const int Limit = 4096;
    WebApplication _app = null!;
    HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        (_app, var address) = await LoopbackApp.StartAsync(app => app.MapPost("/body", async (HttpContext http) =>
            await RequestBody.ReadAsync(http, Limit, http.RequestAborted) is { } body
                ? Results.Text($"{body.Length}:{Encoding.UTF8.GetString(body.Span)}")
                : Results.Problem($"The body is larger than {Limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large")));
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = address };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_at_the_limit_is_read_whole_and_one_byte_more_is_413(bool announced)
    {
        var atLimit = new string('a', Limit);
        using (var response = await _http.PostAsync("/body", Content(atLimit, announced)))
            Assert.Equal($"{Limit}:{atLimit}", await response.Content.ReadAsStringAsync());
        using (var response = await _http.PostAsync("/body", Content(atLimit + "b", announced)))
            await AssertTooLargeAsync(response);
        using (var empty = await _http.PostAsync("/body", Content("", announced)))
            Assert.Equal("0:", await empty.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_caller_still_sending_a_body_over_the_limit_reads_the_413_and_keeps_its_connection()
    {
        for (var i = 0; i < 5; i++)
        {
            var slow = new SlowStream(total: 3 * Limit, chunk: 1024, pause: TimeSpan.FromMilliseconds(15));
            using var content = new StreamContent(slow);
            content.Headers.ContentType = new("application/json");
            using var response = await _http.PostAsync("/body", content);
            await AssertTooLargeAsync(response);
        }
        using var after = await _http.PostAsync("/body", Content("{}", announced: true));
        Assert.Equal("2:{}", await after.Content.ReadAsStringAsync()); // the same (single) connection still works
    }

    static async Task AssertTooLargeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Request body too large", await response.Content.ReadAsStringAsync());
    }

    static HttpContent Content(string text, bool announced)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        HttpContent content = announced ? new ByteArrayContent(bytes) : new StreamContent(new SlowStream(bytes.Length, 1024, TimeSpan.Zero, bytes));
        content.Headers.ContentType = new("application/json");
        return content;
    }

    /// <summary>A body of unknown length (sent chunked), given out a chunk at a time with a pause between.</summary>
    sealed class SlowStream(int total, int chunk, TimeSpan pause, byte[]? data = null) : Stream
    {
        int _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= total) return 0;
            if (pause > TimeSpan.Zero && _position > 0) await Task.Delay(pause, cancellationToken);
            var n = Math.Min(Math.Min(chunk, buffer.Length), total - _position);
            if (data is not null) data.AsSpan(_position, n).CopyTo(buffer.Span);
            else buffer.Span[..n].Fill((byte)'x');
            _position += n;
            return n;
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace CitizenBot.Tests.Infrastructure;

/// <summary>
/// HTTP clients whose connections come from another loopback address (Linux routes all of 127.0.0.0/8 to lo), so
/// per-address limits can be tested over real HTTP as if the callers were on different machines.
/// </summary>
public static class ClientAddresses
{
    /// <param name="source">The client's address, e.g. "127.0.0.2".</param>
    /// <param name="cookies">Cookies to keep (a browser-like client); none kept when null.</param>
    public static HttpClient From(string source, Uri baseAddress, CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        }) { BaseAddress = baseAddress };
}

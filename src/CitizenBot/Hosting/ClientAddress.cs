using System.Net;
using System.Net.Sockets;

namespace CitizenBot.Hosting;

/// <summary>
/// The client address as per-client limits count it: an IPv4 address as it is, an IPv6 address by its /64 prefix
/// (one subscriber usually holds a whole /64, so counting single addresses would let it rotate through them).
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext http) => Key(http.Connection.RemoteIpAddress);

    public static string Key(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}

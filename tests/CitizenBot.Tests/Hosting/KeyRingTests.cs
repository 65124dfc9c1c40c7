using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CitizenBot.DirectLine;
using CitizenBot.Postgres.Tests;
using CitizenBot.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace CitizenBot.Tests.Hosting;

/// <summary>The data-protection key ring: encrypted at rest with a configured certificate; with PostgreSQL, created once by replicas starting together (and the Direct Line token key it seals, one for all).</summary>
public sealed class KeyRingTests(ITestOutputHelper output) : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("citizenbot-keyring-").FullName;

    string CertificateFile(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=CitizenBot key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, "keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_a_restarted_host_reads_them()
    {
        var data = Path.Combine(_folder, "data");
        var settings = new[]
        {
            ("Storage:DataDirectory", data), ("DataProtection:CertificatePath", CertificateFile("pfx-pass")), ("DataProtection:CertificatePassword", "pfx-pass"),
        };
        string sealedText;
        await using (var first = await TestHost.StartAsync(settings))
            sealedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("bí mật");

        var key = Assert.Single(Directory.GetFiles(Path.Combine(data, "keys"), "key-*.xml"));
        var xml = await File.ReadAllTextAsync(key);
        Assert.Contains("<encryptedSecret", xml);
        Assert.DoesNotContain("<value>", xml); // the plaintext master key of an unprotected key

        await using var second = await TestHost.StartAsync(settings);
        Assert.Equal("bí mật", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedText));
    }

    [Fact]
    public async Task A_certificate_setting_that_names_no_file_stops_start_up_with_the_key_named()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestHost.StartAsync(("DataProtection:CertificatePath", Path.Combine(_folder, "missing.pfx"))));
        Assert.Contains("DataProtection:CertificatePath", error.Message);
    }

    [Fact]
    public async Task Replicas_starting_together_create_one_key_and_read_each_others_cookies()
    {
        if (PostgresServer.SkipIfUnavailable(PostgresServer.UnavailableReason(), output)) return;
        await using var server = await PostgresServer.StartNewAsync();
        var connection = await server.CreateDatabaseAsync();
        var settings = new[] { ("Storage:PostgresConnectionString", connection), ("DemandLog:HashSalt", "shared-salt-of-this-deployment") };
        var hosts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => TestHost.StartAsync(settings)));
        try
        {
            await using (var db = new NpgsqlConnection(connection))
            {
                await db.OpenAsync();
                await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM data_protection_key", db);
                Assert.Equal(1L, await count.ExecuteScalarAsync());
            }
            var sealedText = hosts[0].Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Protect("phiên đăng nhập");
            foreach (var host in hosts.Skip(1))
                Assert.Equal("phiên đăng nhập", host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Unprotect(sealedText));

            // No DirectLine:TokenSigningKey configured: the replicas, asking at once, agree on one generated key, so a
            // token from any replica is accepted by every replica.
            var tokens = await Task.WhenAll(hosts.Select((host, i) => Task.Run(() => host.Services.GetRequiredService<DirectLineTokenService>().Issue($"conv-{i}", "dl_user"))));
            foreach (var host in hosts)
                foreach (var token in tokens)
                    Assert.Equal(TokenCheck.Valid, host.Services.GetRequiredService<DirectLineTokenService>().Check(token, out _));
        }
        finally
        {
            foreach (var host in hosts) await host.DisposeAsync();
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

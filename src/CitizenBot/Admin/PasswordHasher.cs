using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CitizenBot.Admin;

/// <summary>
/// PBKDF2 (Rfc2898, HMAC-SHA512, 210 000 iterations as OWASP recommends, 16-byte salt) in the form
/// <c>pbkdf2-sha512$iterations$salt$hash</c>, so the cost can rise later without breaking stored hashes.
/// </summary>
public static class PasswordHasher
{
    public const int Iterations = 210_000;
    public const int MinimumLength = 10;
    const string Prefix = "pbkdf2-sha512";

    public static string Hash(string password, int iterations = Iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, 32);
        return $"{Prefix}${iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Prefix || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
            return false;
        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A hash of a hash, to verify against when the user does not exist (same cost, so timing does not tell).</summary>
    public static readonly string Decoy = Hash("decoy-password-never-valid", Iterations);
}

using System.Security.Claims;
using EduInfo.Storage.Security;

namespace EduInfo.Api.Security;

/// <summary>The one mapping from an account to the claims of its principal: the access token and the browser session carry the same.</summary>
public static class ActorClaims
{
    public static List<Claim> For(Account account)
    {
        var claims = new List<Claim> { new(EduInfoClaims.Subject, account.Id) };
        claims.AddRange(account.Grants.Select(g => new Claim(EduInfoClaims.Grant, $"{g.Role}@{g.ScopeId}")));
        if (account.PersonId is not null)
        {
            claims.Add(new Claim(EduInfoClaims.Person, account.PersonId));
        }
        return claims;
    }

    /// <summary>The grants and person of a principal, comparable with <see cref="For"/> of a re-read account.</summary>
    public static string Fingerprint(IEnumerable<Claim> claims) =>
        string.Join('\n', claims.Where(c => c.Type is EduInfoClaims.Subject or EduInfoClaims.Grant or EduInfoClaims.Person)
            .Select(c => c.Type + "=" + c.Value).Order(StringComparer.Ordinal));
}

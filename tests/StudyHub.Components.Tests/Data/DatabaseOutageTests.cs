using System.Net.Sockets;
using Npgsql;
using StudyHub.Web.Data;

namespace StudyHub.Components.Tests.Data;

/// What is answered 503 "try again" rather than 500: the database out of reach or out of room for another session,
/// not a query that is wrong.
public class DatabaseOutageTests
{
    [Theory]
    [InlineData("53300")] // too many connections: a pool larger than the server allows
    [InlineData("57P03")] // the server is starting up or shutting down
    public void AServerThatCannotTakeTheSessionIsAnOutage(string sqlState) =>
        Assert.True(DatabaseOutage.IsOutage(new InvalidOperationException("wrapped", new PostgresException("refused", "FATAL", "FATAL", sqlState))));

    [Fact]
    public void AnUnreachableServerIsAnOutage() =>
        Assert.True(DatabaseOutage.IsOutage(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));

    [Fact]
    public void AQueryThatIsWrongIsNot() =>
        Assert.False(DatabaseOutage.IsOutage(new PostgresException("relation does not exist", "ERROR", "ERROR", "42P01")));
}

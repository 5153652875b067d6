using System.Net;
using System.Net.Sockets;

namespace StudyHub.Testing;

/// A loopback TCP relay to a server, which a test cuts as a crash, a restart or a network failure would (open
/// connections drop, new ones are refused) and then restores on the same port.
public sealed class CuttableProxy : IDisposable
{
    readonly IPEndPoint _target;
    readonly Lock _gate = new();
    TcpListener? _listener;
    CancellationTokenSource _connections = new();

    CuttableProxy(IPEndPoint target, int port) => (_target, Port) = (target, port);

    public int Port { get; private set; }

    public static CuttableProxy Start(string host, int port)
    {
        var proxy = new CuttableProxy(new IPEndPoint(IPAddress.Parse(host), port), 0);
        proxy.Restore();
        return proxy;
    }

    /// Drops every relayed connection and refuses new ones until Restore.
    public void Cut()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            _connections.Cancel();
            _connections.Dispose();
            _connections = new CancellationTokenSource();
        }
    }

    /// Accepts connections again, on the port it had.
    public void Restore()
    {
        lock (_gate)
        {
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _listener = listener;
            _ = AcceptAsync(listener, _connections.Token);
        }
    }

    async Task AcceptAsync(TcpListener listener, CancellationToken cut)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cut);
            }
            catch (Exception stopped) when (stopped is ObjectDisposedException or SocketException or OperationCanceledException)
            {
                return;
            }
            _ = RelayAsync(client, cut);
        }
    }

    async Task RelayAsync(TcpClient client, CancellationToken cut)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_target, cut);
                var up = client.GetStream().CopyToAsync(server.GetStream(), cut);
                var down = server.GetStream().CopyToAsync(client.GetStream(), cut);
                await Task.WhenAny(up, down);
            }
            catch (Exception dropped) when (dropped is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
            // A cut closes both ends at once, without the goodbye a closing client would send.
            client.Client.LingerState = new LingerOption(true, 0);
        }
    }

    public void Dispose() => Cut();
}

using System.Net;
using System.Net.Sockets;

namespace StudyHub.Testing;

/// A loopback TCP relay to a server, which a test cuts as a crash, a restart or a network failure would (open
/// connections drop, new ones are refused) and then restores on the same port, or stalls as a hung server would.
public sealed class CuttableProxy : IDisposable
{
    readonly IPEndPoint _target;
    readonly Lock _gate = new();
    TcpListener? _listener;
    CancellationTokenSource _connections = new();
    TaskCompletionSource _flowing = Flowing();

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

    /// Keeps every connection open, and accepts new ones, but passes nothing either way until Resume: a server that
    /// hangs, or a network that silently drops what is sent.
    public void Stall()
    {
        lock (_gate)
        {
            if (_flowing.Task.IsCompleted)
            {
                _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Resume()
    {
        lock (_gate)
        {
            _flowing.TrySetResult();
        }
    }

    static TaskCompletionSource Flowing()
    {
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flowing.SetResult();
        return flowing;
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
                var up = PumpAsync(client.GetStream(), server.GetStream(), cut);
                var down = PumpAsync(server.GetStream(), client.GetStream(), cut);
                await Task.WhenAny(up, down);
            }
            catch (Exception dropped) when (dropped is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
            // A cut closes both ends at once, without the goodbye a closing client would send.
            client.Client.LingerState = new LingerOption(true, 0);
        }
    }

    async Task PumpAsync(Stream from, Stream to, CancellationToken cut)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cut)) > 0)
        {
            Task flowing;
            lock (_gate)
            {
                flowing = _flowing.Task;
            }
            await flowing.WaitAsync(cut);
            await to.WriteAsync(buffer.AsMemory(0, read), cut);
        }
    }

    public void Dispose() => Cut();
}

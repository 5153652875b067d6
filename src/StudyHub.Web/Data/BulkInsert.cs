using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace StudyHub.Web.Data;

/// Inserts many new rows with PostgreSQL's binary COPY, inside the context's open transaction. EF Core's
/// batched INSERTs cost several times more for a first import of thousands of notes; the columns come from
/// the EF model, so the two cannot drift apart.
public static class BulkInsert
{
    /// <paramref name="into"/> names a table with T's columns to copy into in place of T's own (Move takes them on).
    public static async Task CopyAsync<T>(StudyHubDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken, string? into = null)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var copy = await BeginAsync<T>(db, cancellationToken, into);
        foreach (var row in rows)
        {
            await copy.WriteAsync(row, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    /// Moves the rows copied into <paramref name="staging"/> to T's table, in the order <paramref name="order"/> gives.
    public static async Task MoveAsync<T>(StudyHubDbContext db, string staging, string order, CancellationToken cancellationToken)
        where T : class
    {
        var (table, columns) = ColumnsOf<T>(db);
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        // The names come from the model and the caller's constants, not from input.
        var move = $"INSERT INTO \"{table.Name}\" ({names}) SELECT {names} FROM {staging} ORDER BY {order}";
        await db.Database.ExecuteSqlRawAsync(move, cancellationToken);
    }

    /// Like <see cref="CopyAsync{T}"/> or <see cref="MoveAsync{T}"/> (<paramref name="load"/>), but as a bulk load: the table's foreign keys and the indexes that back no
    /// constraint (all but the primary key's, today) are dropped for the COPY and made again after it. PostgreSQL then
    /// checks each key in one join over the table instead of one query per new row, and builds each index from sorted
    /// rows instead of inserting row by row. Dropping a foreign key locks both its tables against readers until the
    /// transaction ends, and making the keys and indexes again reads the whole table: for loads that are most of the
    /// table. A rollback brings them back, as it takes the rows away.
    public static async Task BulkLoadAsync<T>(StudyHubDbContext db, Func<Task> load, CancellationToken cancellationToken)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var (schema, table) = (entity.GetSchema(), entity.GetTableName());
        // PostgreSQL writes the statements, quoting included, from the keys' and indexes' own definitions.
        var statements = await db.Database.SqlQuery<DropAndAdd>($"""
            WITH t AS (SELECT to_regclass(concat_ws('.', quote_ident({schema}), quote_ident({table}))) AS id)
            SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname) AS "Drop",
                   format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS "Add"
            FROM pg_constraint, t WHERE contype = 'f' AND conrelid = t.id
            UNION ALL
            SELECT format('DROP INDEX %s', indexrelid::regclass), pg_get_indexdef(indexrelid)
            FROM pg_index, t WHERE indrelid = t.id AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid)
            """).ToListAsync(cancellationToken);
        foreach (var statement in statements)
        {
            await db.Database.ExecuteSqlRawAsync(statement.Drop, cancellationToken);
        }
        await load();
        foreach (var statement in statements)
        {
            await db.Database.ExecuteSqlRawAsync(statement.Add, cancellationToken);
        }
    }

    sealed record DropAndAdd(string Drop, string Add);

    /// Starts a COPY that takes rows one at a time, so that the server stores (and indexes) them while the caller is
    /// still making the next ones. The connection serves nothing else until it is completed or disposed; disposing
    /// it uncompleted cancels the COPY and with it the transaction.
    public static async Task<Copy<T>> BeginAsync<T>(StudyHubDbContext db, CancellationToken cancellationToken, string? into = null)
        where T : class
    {
        var (table, columns) = ColumnsOf<T>(db);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var command = $"COPY {into ?? $"\"{table.Name}\""} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        var writer = await connection.BeginBinaryImportAsync(command, cancellationToken);
        writer.Timeout = TimeSpan.FromSeconds(db.Database.GetCommandTimeout() ?? connection.CommandTimeout);
        return new Copy<T>(writer, columns);
    }

    static (StoreObjectIdentifier Table, List<Column> Columns) ColumnsOf<T>(StudyHubDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // Computed columns and identity keys are the database's to fill.
        var columns = entity.GetProperties()
            .Where(p => p.GetComputedColumnSql() is null && !(p.IsKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long)))
            .Select(p => new Column(p.GetColumnName(table)!, p.GetGetter(), p.GetColumnType() == "jsonb"))
            .ToList();
        return (table, columns);
    }

    public sealed record Column(string Name, IClrPropertyGetter Getter, bool IsJson);

    public sealed class Copy<T>(NpgsqlBinaryImporter writer, IReadOnlyList<Column> columns) : IAsyncDisposable
        where T : class
    {
        public async Task WriteAsync(T row, CancellationToken cancellationToken)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var (_, getter, isJson) in columns)
            {
                var value = getter.GetClrValue(row);
                if (value is null)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else if (isJson)
                {
                    await writer.WriteAsync(value, NpgsqlDbType.Jsonb, cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(value, cancellationToken);
                }
            }
        }

        public async Task CompleteAsync(CancellationToken cancellationToken) => await writer.CompleteAsync(cancellationToken);

        public ValueTask DisposeAsync() => writer.DisposeAsync();
    }
}

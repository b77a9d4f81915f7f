package dev.cumulus.channel.dynamodb;

import dev.cumulus.channel.ChannelAccessException;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.CorruptValueException;
import dev.cumulus.channel.CounterValue;
import dev.cumulus.channel.Retry;
import dev.cumulus.channel.aws.AwsClients;
import dev.cumulus.channel.split.ItemFrame;
import dev.cumulus.channel.split.ItemStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * DynamoDB items through the AWS SDK v2. One item per key: {@code k} (string, the partition key),
 * {@code v} (binary, the framed value), {@code x} (number, expiry in epoch milliseconds, optional)
 * and {@code n} (number, for counters). Reads are strongly consistent.
 */
final class DynamoDbItems implements ItemStore {
    /** DynamoDB's item limit is 400 KB including attribute names and the key; keep a margin for both. */
    static final int MAX_ITEM_BYTES = 380 * 1024;
    private static final int BATCH_WRITE = 25;
    private static final int BATCH_GET = 40;
    private static final Set<String> REFUSALS = Set.of("UnrecognizedClientException", "AccessDeniedException",
            "InvalidSignatureException", "MissingAuthenticationTokenException", "ExpiredTokenException");

    private final DynamoDbSettings settings;
    private final String store;
    private final Retry retry;
    private final DynamoDbClient dynamo;

    DynamoDbItems(DynamoDbSettings settings) {
        this.settings = settings;
        this.store = settings.describe();
        this.retry = new Retry(store, settings.options(), DynamoDbItems::retryable);
        this.dynamo = client(settings);
        try {
            ensureTable();
        } catch (RuntimeException e) {
            dynamo.close();
            throw e;
        }
    }

    private static DynamoDbClient client(DynamoDbSettings settings) {
        return AwsClients.configure(DynamoDbClient.builder(), settings.region(), settings.endpoint(),
                settings.accessKey(), settings.secretKey(), settings.options().operationTimeout()).build();
    }

    private void ensureTable() {
        String table = settings.table();
        TableStatus status = call("open table", table, () -> {
            try {
                return dynamo.describeTable(b -> b.tableName(table)).table().tableStatus();
            } catch (ResourceNotFoundException e) {
                if (!settings.createTable()) {
                    throw new ChannelException(store + ": table '" + table + "' does not exist (createTable=false)");
                }
                dynamo.createTable(b -> b.tableName(table)
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("k").attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName("k").keyType(KeyType.HASH).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST));
                return TableStatus.CREATING;
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (status != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new ChannelException(store + ": table '" + table + "' is still " + status + " after 60 s");
            }
            sleep(100);
            status = call("open table", table, () -> dynamo.describeTable(b -> b.tableName(table)).table().tableStatus());
        }
    }

    @Override
    public String describe() {
        return store;
    }

    @Override
    public int maxItemBytes() {
        return MAX_ITEM_BYTES;
    }

    @Override
    public void write(String key, byte[] item, Duration ttl) {
        Map<String, AttributeValue> attributes = attributes(key, item, ttl);
        call("put", key, () -> dynamo.putItem(b -> b.tableName(settings.table()).item(attributes)));
    }

    @Override
    public void writeAll(Map<String, byte[]> items, Duration ttl) {
        List<WriteRequest> requests = new ArrayList<>();
        items.forEach((key, item) -> requests.add(WriteRequest.builder()
                .putRequest(PutRequest.builder().item(attributes(key, item, ttl)).build()).build()));
        for (int from = 0; from < requests.size(); from += BATCH_WRITE) {
            List<WriteRequest> batch = requests.subList(from, Math.min(requests.size(), from + BATCH_WRITE));
            String first = items.keySet().iterator().next();
            Map<String, List<WriteRequest>> pending = Map.of(settings.table(), batch);
            for (int round = 0; !pending.isEmpty() && !pending.getOrDefault(settings.table(), List.of()).isEmpty(); round++) {
                if (round >= 20) {
                    throw new ChannelException(store + ": put parts of '" + first + "': the table kept refusing "
                            + "items (throttled) for 20 rounds");
                }
                Map<String, List<WriteRequest>> sending = pending;
                BatchWriteItemResponse response = call("put parts of", first,
                        () -> dynamo.batchWriteItem(b -> b.requestItems(sending)));
                pending = response.unprocessedItems();
                if (!pending.isEmpty()) {
                    sleep(Math.min(1000, 10L << round));
                }
            }
        }
    }

    @Override
    public boolean writeIfAbsent(String key, byte[] item, Duration ttl) {
        Map<String, AttributeValue> attributes = attributes(key, item, ttl);
        return call("putIfAbsent", key, () -> {
            try {
                dynamo.putItem(b -> b.tableName(settings.table()).item(attributes)
                        .conditionExpression("attribute_not_exists(k) OR x <= :now")
                        .expressionAttributeValues(Map.of(":now", number(System.currentTimeMillis()))));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        });
    }

    @Override
    public Optional<byte[]> read(String key) {
        return call("get", key, () -> {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(settings.table())
                    .key(Map.of("k", AttributeValue.fromS(key))).consistentRead(true)).item();
            return itemBytes(key, item);
        });
    }

    @Override
    public Map<String, byte[]> readAll(List<String> keys) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET) {
            List<Map<String, AttributeValue>> batch = new ArrayList<>();
            for (String key : keys.subList(from, Math.min(keys.size(), from + BATCH_GET))) {
                batch.add(Map.of("k", AttributeValue.fromS(key)));
            }
            Map<String, KeysAndAttributes> pending = Map.of(settings.table(),
                    KeysAndAttributes.builder().keys(batch).consistentRead(true).build());
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round >= 20) {
                    throw new ChannelException(store + ": get parts of '" + keys.get(0)
                            + "': the table kept deferring reads (throttled) for 20 rounds");
                }
                Map<String, KeysAndAttributes> asking = pending;
                BatchGetItemResponse response = call("get parts of", keys.get(0),
                        () -> dynamo.batchGetItem(b -> b.requestItems(asking)));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(settings.table(), List.of())) {
                    String key = item.get("k").s();
                    itemBytes(key, item).ifPresent(bytes -> found.put(key, bytes));
                }
                pending = response.unprocessedKeys();
                if (!pending.isEmpty() && round > 0) {
                    sleep(Math.min(1000, 10L << round));
                }
            }
        }
        return found;
    }

    @Override
    public void remove(String key) {
        call("delete", key, () -> dynamo.deleteItem(b -> b.tableName(settings.table())
                .key(Map.of("k", AttributeValue.fromS(key)))));
    }

    @Override
    public List<String> keys(String prefix) {
        return call("list", prefix, () -> {
            List<String> keys = new ArrayList<>();
            long now = System.currentTimeMillis();
            Map<String, AttributeValue> start = null;
            do {
                ScanRequest.Builder request = ScanRequest.builder().tableName(settings.table())
                        .projectionExpression("k, x").consistentRead(true);
                if (!prefix.isEmpty()) {
                    request.filterExpression("begins_with(k, :p)")
                            .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(prefix)));
                }
                if (start != null) {
                    request.exclusiveStartKey(start);
                }
                ScanResponse page = dynamo.scan(request.build());
                for (Map<String, AttributeValue> item : page.items()) {
                    if (!expired(item, now)) {
                        keys.add(item.get("k").s());
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            return keys;
        });
    }

    @Override
    public long increment(String key, long delta) {
        return call("increment", key, () -> {
            try {
                Map<String, AttributeValue> updated = dynamo.updateItem(b -> b.tableName(settings.table())
                        .key(Map.of("k", AttributeValue.fromS(key)))
                        .updateExpression("ADD n :d")
                        .conditionExpression("attribute_not_exists(v)")
                        .expressionAttributeValues(Map.of(":d", number(delta)))
                        .returnValues(ReturnValue.UPDATED_NEW)).attributes();
                return Long.parseLong(updated.get("n").n());
            } catch (ConditionalCheckFailedException e) {
                throw new CorruptValueException(store + ": key '" + key + "' holds a value that is not a counter "
                        + "(expected a decimal integer)", e);
            }
        });
    }

    @Override
    public void close() {
        dynamo.close();
    }

    private Optional<byte[]> itemBytes(String key, Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty() || expired(item, System.currentTimeMillis())) {
            return Optional.empty();
        }
        AttributeValue counter = item.get("n");
        if (counter != null && counter.n() != null) {
            return Optional.of(ItemFrame.inline(CounterValue.encode(Long.parseLong(counter.n()))));
        }
        AttributeValue value = item.get("v");
        if (value == null || value.b() == null) {
            throw new CorruptValueException(store + ": item '" + key + "' has no binary attribute 'v'");
        }
        return Optional.of(value.b().asByteArray());
    }

    private static boolean expired(Map<String, AttributeValue> item, long now) {
        AttributeValue at = item.get("x");
        return at != null && at.n() != null && Long.parseLong(at.n()) <= now;
    }

    private static Map<String, AttributeValue> attributes(String key, byte[] item, Duration ttl) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put("k", AttributeValue.fromS(key));
        attributes.put("v", AttributeValue.fromB(SdkBytes.fromByteArray(item)));
        if (ttl != null) {
            attributes.put("x", number(System.currentTimeMillis() + ttl.toMillis()));
        }
        return attributes;
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private <T> T call(String operation, String key, java.util.function.Supplier<T> request) {
        return retry.call(operation, key, () -> {
            try {
                return request.get();
            } catch (ConditionalCheckFailedException e) {
                throw e;
            } catch (DynamoDbException e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                if (REFUSALS.contains(code) || e.statusCode() == 403) {
                    throw new ChannelAccessException(store + ": " + operation + " '" + key + "' refused (" + code
                            + "): check the credentials and the table's permissions", e);
                }
                if (e instanceof ResourceNotFoundException && !operation.equals("open table")) {
                    throw new ChannelException(store + ": table '" + settings.table() + "' does not exist", e);
                }
                throw e;
            }
        });
    }

    private static boolean retryable(Throwable e) {
        if (e instanceof DynamoDbException d) {
            String code = d.awsErrorDetails() == null ? "" : d.awsErrorDetails().errorCode();
            return d.statusCode() >= 500 || code.contains("Throughput") || code.contains("Throttl")
                    || code.equals("RequestLimitExceeded") || code.equals("TransactionConflictException");
        }
        return e instanceof SdkClientException;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException(store + ": interrupted", e);
        }
    }
}

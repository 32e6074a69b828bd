#!/usr/bin/python3
"""The Confluent Python client as an outside Kafka user runs it: Avro records through a schema registry.

dashmech's interoperability tests use it to prove that records written by the standard Confluent AvroSerializer
are read by dashmech's deserializer, and records written by dashmech's serializer are read by the standard
AvroDeserializer. Needs Debian's python3-confluent-kafka (1.7.0) + python3-requests, and fastavro:

    PYTHONPATH=<repo>/.ci/pydeps /usr/bin/python3 confluent_avro_client.py produce \\
        --bootstrap 127.0.0.1:9092 --registry http://127.0.0.1:8080/apis/ccompat/v6 \\
        --topic bids --schema "$(cat bid.avsc)" [--key-field market] < records.jsonl
    PYTHONPATH=<repo>/.ci/pydeps /usr/bin/python3 confluent_avro_client.py consume \\
        --bootstrap ... --registry ... --topic bids --count 10 [--timeout-s 60]

Records on stdin and stdout are in Avro's standard JSON encoding (the Avro specification's, also written by
Java's org.apache.avro.io.JsonEncoder: unions as {"branch": value}, bytes as ISO-8859-1 strings, logical types as
their underlying values), one per line, so both sides can compare them exactly.

produce decodes each line with --schema, serializes it with AvroSerializer (which registers the schema under
<topic>-value), produces it keyed by the string value of field --key-field (no key when that is absent or null),
and prints the number delivered.
consume reads --count records from the beginning of the topic, deserializes each value with AvroDeserializer
and prints {"key": ..., "schemaId": ..., "value": <the record in Avro JSON>} per line. Both exit non-zero with
a message on stderr if they cannot finish within --timeout-s seconds.
"""
import argparse
import io
import json
import struct
import sys
import time
import uuid

from confluent_kafka import Consumer, KafkaError, SerializingProducer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext, StringSerializer
from fastavro import json_reader, json_writer, parse_schema


def produce(args):
    registry = SchemaRegistryClient({'url': args.registry})
    producer = SerializingProducer({
        'bootstrap.servers': args.bootstrap,
        'key.serializer': StringSerializer('utf_8'),
        'value.serializer': AvroSerializer(registry, args.schema),
        'acks': 'all',
        'enable.idempotence': True,
    })
    failures = []

    def on_delivery(err, msg):
        if err is not None:
            failures.append(str(err))

    count = 0
    for record in json_reader(sys.stdin, parse_schema(json.loads(args.schema))):
        key = record.get(args.key_field) if args.key_field else None
        key = None if key is None else str(key)
        producer.produce(topic=args.topic, key=key, value=record, on_delivery=on_delivery)
        producer.poll(0)
        count += 1
    remaining = producer.flush(args.timeout_s)
    if remaining or failures:
        sys.exit('produce: %d of %d records not delivered to %s within %ss: %s'
                 % (remaining + len(failures), count, args.topic, args.timeout_s, failures[:5]))
    print(count)


def consume(args):
    registry = SchemaRegistryClient({'url': args.registry})
    deserializer = AvroDeserializer(registry)
    consumer = Consumer({
        'bootstrap.servers': args.bootstrap,
        'group.id': args.group or 'confluent-avro-client-' + str(uuid.uuid4()),
        'auto.offset.reset': 'earliest',
        'enable.auto.commit': False,
    })
    consumer.subscribe([args.topic])
    writer_schemas = {}
    read = 0
    deadline = time.monotonic() + args.timeout_s
    try:
        while read < args.count and time.monotonic() < deadline:
            msg = consumer.poll(min(1.0, max(0.0, deadline - time.monotonic())))
            if msg is None:
                continue
            if msg.error() is not None:
                if msg.error().code() == KafkaError.UNKNOWN_TOPIC_OR_PART:
                    continue  # not created yet: wait for it until the deadline
                sys.exit('consume: %s' % msg.error())
            value = deserializer(msg.value(), SerializationContext(args.topic, MessageField.VALUE))
            # the writer schema names the record's Avro JSON form; the client caches it, so this is no extra call
            schema_id = struct.unpack('>bI', msg.value()[:5])[1]
            if schema_id not in writer_schemas:
                writer_schemas[schema_id] = parse_schema(json.loads(registry.get_schema(schema_id).schema_str))
            out = io.StringIO()
            json_writer(out, writer_schemas[schema_id], [value])
            key = None if msg.key() is None else msg.key().decode('utf-8')
            print(json.dumps({'key': key, 'schemaId': schema_id, 'value': json.loads(out.getvalue())}), flush=True)
            read += 1
    finally:
        consumer.close()
    if read < args.count:
        sys.exit('consume: read %d of %d records from %s within %ss' % (read, args.count, args.topic, args.timeout_s))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    commands = parser.add_subparsers(dest='command', required=True)
    for name in ('produce', 'consume'):
        command = commands.add_parser(name)
        command.add_argument('--bootstrap', required=True, help='Kafka bootstrap servers, host:port')
        command.add_argument('--registry', required=True, help='Confluent-compatible schema registry URL')
        command.add_argument('--topic', required=True)
        command.add_argument('--timeout-s', type=float, default=60.0)
    commands.choices['produce'].add_argument('--schema', required=True, help='the records\' Avro schema (JSON)')
    commands.choices['produce'].add_argument('--key-field', help='the record field whose value is the key')
    commands.choices['consume'].add_argument('--count', type=int, required=True, help='records to read')
    commands.choices['consume'].add_argument('--group', help='consumer group id (default: a fresh one)')
    args = parser.parse_args()
    if args.command == 'produce':
        produce(args)
    else:
        consume(args)


if __name__ == '__main__':
    main()

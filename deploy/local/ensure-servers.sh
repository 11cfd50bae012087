#!/usr/bin/env bash
# Start PostgreSQL, Redis and RabbitMQ where they are installed but stopped.
# Fails with a clear message when one is not installed or does not start.
set -uo pipefail

wait_for() {
    local name=$1 check=$2
    for _ in $(seq 1 60); do
        if eval "$check" >/dev/null 2>&1; then return 0; fi
        sleep 1
    done
    echo "error: $name did not start within 60 s; see its log" >&2
    exit 1
}

if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        echo "error: PostgreSQL is not running on 127.0.0.1:5432 and is not installed (apt-get install postgresql)" >&2
        exit 1
    fi
    echo "starting PostgreSQL"
    for version in $(ls /etc/postgresql); do
        pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    done
    wait_for PostgreSQL "pg_isready -h 127.0.0.1 -p 5432"
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    if ! command -v redis-server >/dev/null 2>&1; then
        echo "error: Redis is not running on 127.0.0.1:6379 and is not installed (apt-get install redis-server)" >&2
        exit 1
    fi
    echo "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
        --dir /var/lib/redis --logfile /var/log/redis/ci.log
    wait_for Redis "redis-cli -h 127.0.0.1 -p 6379 ping"
fi

rabbit_up() { timeout 5 bash -c '</dev/tcp/127.0.0.1/5672'; }
if ! rabbit_up >/dev/null 2>&1; then
    if ! command -v rabbitmq-server >/dev/null 2>&1; then
        echo "error: RabbitMQ is not running on 127.0.0.1:5672 and is not installed (apt-get install rabbitmq-server)" >&2
        exit 1
    fi
    echo "starting RabbitMQ"
    rabbitmq-server -detached
    wait_for RabbitMQ "rabbitmqctl await_startup --timeout 5 && rabbit_up"
fi

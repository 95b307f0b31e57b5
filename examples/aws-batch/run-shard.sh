#!/bin/sh
# AWS Batch array job child: audits shard AWS_BATCH_JOB_ARRAY_INDEX+1 of SHARD_COUNT (Batch counts
# children from 0, --shard from 1) and copies the output directory to S3 for `infra-audit merge`.
# Submit with examples/aws-batch/submit-shards.json (arrayProperties.size = SHARD_COUNT), then run
#   aws s3 cp --recursive "$RESULTS_S3_URI/<array job id>/" shards/ && infra-audit merge shards/*/ --accounts "$ACCOUNTS_FILE" ...
# Exit: scan's code (0 clean, 1 drift, 3 incomplete, 2 bad input); 2 when this script is misconfigured.
set -eu

INFRA_AUDIT="${INFRA_AUDIT:-infra-audit}"
index="${AWS_BATCH_JOB_ARRAY_INDEX:-}"
count="${SHARD_COUNT:-}"

case "$index" in ''|*[!0-9]*) echo "run-shard: AWS_BATCH_JOB_ARRAY_INDEX must be a number (is this an array job?), got '$index'" >&2; exit 2 ;; esac
case "$count" in ''|*[!0-9]*) echo "run-shard: SHARD_COUNT must be a number, got '$count'" >&2; exit 2 ;; esac
shard=$((index + 1))
if [ "$count" -lt 1 ] || [ "$shard" -gt "$count" ]; then
  echo "run-shard: array index $index is outside SHARD_COUNT $count (arrayProperties.size must equal SHARD_COUNT)" >&2
  exit 2
fi

: "${AWS_BATCH_JOB_ID:=local}"
out="${OUTPUT_DIR:-/tmp/infra-audit/shard-$shard}"
set +e
"$INFRA_AUDIT" scan --accounts "${ACCOUNTS_FILE:?set ACCOUNTS_FILE}" --shard "$shard/$count" --output-dir "$out"
code=$?
set -e
# Keep whatever was written (run.json says which accounts failed), even when the scan found drift.
if [ -n "${RESULTS_S3_URI:-}" ] && [ -f "$out/run.json" ]; then
  aws s3 cp --recursive --only-show-errors "$out" "$RESULTS_S3_URI/${AWS_BATCH_JOB_ID%%:*}/shard-$shard/"
fi
exit "$code"

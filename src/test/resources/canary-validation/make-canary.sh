#!/usr/bin/env bash
# Makes, in moto, what a deployed canary tenant stack holds that scripts/validate-canary.sh reads, in account $1 and
# region $2 for stack $3: the stack's outputs (its pool and app client, created here with the tenant claims, and the
# probe outputs naming the API at $4), and one CloudFormation-named alarm per remaining argument "<logicalId>=<state>".
# With $4 "-" the stack gets alarms only (a canary that is not probed). Prints nothing; fails on any error.
set -euo pipefail
account=$1 region=$2 stack=$3 api=$4
shift 4
read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN <<<"$(aws sts assume-role \
  --role-arn "arn:aws:iam::${account}:role/fixture" --role-session-name fixture \
  --query '[Credentials.AccessKeyId,Credentials.SecretAccessKey,Credentials.SessionToken]' --output text)"
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
outputs=""
if [ "$api" != - ]; then
  pool=$(aws cognito-idp create-user-pool --region "$region" --pool-name "$stack" --username-attributes email \
    --schema Name=tenantId,AttributeDataType=String,Mutable=false Name=userRole,AttributeDataType=String \
    Name=tier,AttributeDataType=String --query UserPool.Id --output text)
  client=$(aws cognito-idp create-user-pool-client --region "$region" --user-pool-id "$pool" --client-name app \
    --explicit-auth-flows ALLOW_ADMIN_USER_PASSWORD_AUTH ALLOW_USER_SRP_AUTH ALLOW_REFRESH_TOKEN_AUTH \
    --query UserPoolClient.ClientId --output text)
  tenant=${stack#saas-silo-}
  outputs=$(printf ', "%s": {"Value": "%s"}' UserPoolId "$pool" AppClientId "$client" ProbeTenantId "$tenant" \
    ProbeTier PLATINUM ProbeUserName "canary-probe@${tenant}.invalid" ProbeApiUrl "$api")
fi
aws cloudformation create-stack --region "$region" --stack-name "$stack" --output text --query StackId \
  --template-body "{\"Resources\": {\"Handle\": {\"Type\": \"AWS::CloudFormation::WaitConditionHandle\"}},
    \"Outputs\": {\"Kind\": {\"Value\": \"canary\"}${outputs}}}" >/dev/null
for alarm in "$@"; do
  name="${stack}-${alarm%=*}-1A2B3C4D5E6F"
  aws cloudwatch put-metric-alarm --region "$region" --alarm-name "$name" --metric-name Errors \
    --namespace AWS/Lambda --statistic Sum --period 60 --evaluation-periods 1 --threshold 1 \
    --comparison-operator GreaterThanOrEqualToThreshold
  aws cloudwatch set-alarm-state --region "$region" --alarm-name "$name" --state-value "${alarm#*=}" \
    --state-reason fixture
done

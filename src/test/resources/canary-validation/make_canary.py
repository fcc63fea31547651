"""Makes, in moto, what a deployed canary tenant stack holds that scripts/validate-canary.sh reads, in account
argv[1] and region argv[2] for stack argv[3]: the stack's outputs (its pool and app client, created here with the
tenant claims, and the probe outputs naming the API at argv[4]), and one CloudFormation-named alarm per remaining
argument "<logicalId>=<state>". With argv[4] "-" the stack gets alarms only (a canary that is not probed).
One Python process per canary (boto3, on every machine of this kind) instead of one AWS CLI process per call: the
fixture is not what the test tests. Reaches moto through AWS_ENDPOINT_URL; prints nothing; fails on any error."""
import json
import sys

import boto3

account, region, stack, api = sys.argv[1:5]
alarms = sys.argv[5:]
creds = boto3.client("sts", region_name="us-east-1").assume_role(
    RoleArn=f"arn:aws:iam::{account}:role/fixture", RoleSessionName="fixture")["Credentials"]
session = boto3.session.Session(aws_access_key_id=creds["AccessKeyId"],
                                aws_secret_access_key=creds["SecretAccessKey"],
                                aws_session_token=creds["SessionToken"], region_name=region)
outputs = {"Kind": {"Value": "canary"}}
if api != "-":
    cognito = session.client("cognito-idp")
    pool = cognito.create_user_pool(
        PoolName=stack, UsernameAttributes=["email"],
        Schema=[{"Name": "tenantId", "AttributeDataType": "String", "Mutable": False},
                {"Name": "userRole", "AttributeDataType": "String"},
                {"Name": "tier", "AttributeDataType": "String"}])["UserPool"]["Id"]
    client = cognito.create_user_pool_client(
        UserPoolId=pool, ClientName="app",
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    tenant = stack.removeprefix("saas-silo-")
    for key, value in {"UserPoolId": pool, "AppClientId": client, "ProbeTenantId": tenant, "ProbeTier": "PLATINUM",
                       "ProbeUserName": f"canary-probe@{tenant}.invalid", "ProbeApiUrl": api}.items():
        outputs[key] = {"Value": value}
session.client("cloudformation").create_stack(StackName=stack, TemplateBody=json.dumps({
    "Resources": {"Handle": {"Type": "AWS::CloudFormation::WaitConditionHandle"}}, "Outputs": outputs}))
cloudwatch = session.client("cloudwatch")
for alarm in alarms:
    logical_id, state = alarm.split("=", 1)
    name = f"{stack}-{logical_id}-1A2B3C4D5E6F"
    cloudwatch.put_metric_alarm(AlarmName=name, MetricName="Errors", Namespace="AWS/Lambda", Statistic="Sum",
                                Period=60, EvaluationPeriods=1, Threshold=1,
                                ComparisonOperator="GreaterThanOrEqualToThreshold")
    cloudwatch.set_alarm_state(AlarmName=name, StateValue=state, StateReason="fixture")

ARG MLFLOW_VERSION=3.17.2
FROM ghcr.io/mlflow/mlflow:v${MLFLOW_VERSION}
# Flask-WTF: the basic-auth app's extra (mlflow[auth])
RUN pip install --no-cache-dir pymysql cryptography boto3 'Flask-WTF<2'

FROM python:3.12-slim
WORKDIR /app
COPY constraints.txt .
RUN pip install --no-cache-dir --constraint=constraints.txt flask
USER 10001

FROM python:3.12-slim
WORKDIR /app
ADD requirements.txt .
USER 10001

FROM python:3.12-slim
WORKDIR /app
COPY app.py .
USER 10001

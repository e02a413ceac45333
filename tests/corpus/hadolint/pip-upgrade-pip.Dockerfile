FROM python:3.12-slim
RUN pip install --no-cache-dir --upgrade pip
USER 10001

FROM python:3.12-slim
COPY app.py app/
USER 10001

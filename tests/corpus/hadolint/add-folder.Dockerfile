FROM python:3.12-slim
WORKDIR /app
ADD src/ /app/src/
USER 10001

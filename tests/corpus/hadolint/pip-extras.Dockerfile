FROM python:3.12-slim
RUN pip install --no-cache-dir 'uvicorn[standard]==0.30.6'
USER 10001
